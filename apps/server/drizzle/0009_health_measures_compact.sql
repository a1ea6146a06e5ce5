-- Each stored measure becomes [measure, value, points, weight, contribution]: the objects
-- with both names in them made a score row ~1.6 KB, and writing them was most of a full
-- recompute's database time. Names are read from the scorecard (by scorecard_key) instead.
UPDATE "health_scores" SET "measures" = (
  SELECT coalesce(jsonb_agg(
    jsonb_build_array(m -> 'measure', m -> 'value', m -> 'points', m -> 'weight', m -> 'contribution')
    ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements("measures") WITH ORDINALITY AS x(m, i)
) WHERE jsonb_typeof("measures" -> 0) = 'object';
