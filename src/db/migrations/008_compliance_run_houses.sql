-- Which houses a compliance run checked (NULL: every house, as the daily run does), so that each viewer's summary
-- ("checked N houses, M new findings") is of the houses in their scope, not of the district.
ALTER TABLE compliance_run ADD COLUMN house_ids uuid[];
