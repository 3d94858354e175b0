-- wrk script: POST /v1/evaluate with dated records that are rarely sent twice and rarely share their first
-- records in date order (varied.lua, each record's dates shuffled, 2,048 records a thread): the replay's
-- worst case, in which what earlier replays found seldom answers a record.
varied_dates = true
varied_shuffled = true
varied_bodies = 2048
dofile("src/bench/varied.lua")
