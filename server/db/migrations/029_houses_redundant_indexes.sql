-- Two indexes of 001 repeat the leading column of 002's paging indexes (houses_municipality_page starts with
-- municipality_id, houses_version_page with version), which serve every lookup they did. Each index is work on every
-- house an import writes and on every rebuild after a big merge (issue 18), so these two go.
drop index if exists houses_municipality;
drop index if exists houses_version;
