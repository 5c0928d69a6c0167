-- The house grid pages through 200,000 rows sorted by any column: an index per sortable column, with the
-- primary key as the tie-break the query orders by, lets OFFSET walk an index instead of sorting the table.
drop index if exists houses_address;
create index houses_address_page on houses(address, fias_id);
create index houses_settlement_page on houses(settlement, fias_id);
create index houses_type_page on houses(house_type, fias_id);
create index houses_commissioned_page on houses(commissioned, fias_id);
create index houses_area_page on houses(area, fias_id);
create index houses_residents_page on houses(residents, fias_id);
create index houses_oktmo_page on houses(oktmo, fias_id);
create index houses_version_page on houses(version, fias_id);
create index houses_municipality_page on houses(municipality_id, address, fias_id);
