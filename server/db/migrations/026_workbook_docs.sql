-- A workbook's definition is a shared document too (`workbook:<id>`, formulas/collab/workbook-doc.ts).
alter table sync_docs drop constraint sync_docs_name_check;
alter table sync_docs add constraint sync_docs_name_check check (name ~ '^(registry|standards|workbook):[A-Za-z0-9_.-]{1,64}$');
