-- 0005 is reserved for another branch (the lead assigned the numbers). This placeholder only keeps
-- migrations contiguous on the run-control branch: DELETE THIS FILE when the branch that owns 0005
-- is merged (two files numbered 0005 must never coexist).
SELECT 1;
