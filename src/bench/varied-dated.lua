-- wrk script: varied.lua with every record dated, as dated.lua dates them.
varied_dates = true
dofile("src/bench/varied.lua")
