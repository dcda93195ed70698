"""``python -m bench <task> <args…>``: one measurement in this fresh process; its result is
printed as the last stdout line, JSON (see ``bench.measure.WORKERS``)."""
import json
import sys

from bench.measure import WORKERS

print(json.dumps(WORKERS[sys.argv[1]](*sys.argv[2:])))
