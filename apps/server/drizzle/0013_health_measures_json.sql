-- Measures as json, not jsonb: a full recompute writes a row per account, and parsing each
-- measures document into jsonb was about half of that insert's time (decision 0007).
ALTER TABLE "health_scores" ALTER COLUMN "measures" SET DATA TYPE json USING "measures"::json;
