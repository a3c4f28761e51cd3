#!/usr/bin/env bash
# 10,000 synthetic articles: ingest, kill -9 in the middle, resume; times and counts.
cd "$(dirname "$0")/.."; . .venv/bin/activate
# corpus: python -m cronica.synth --n 10000 --out /tmp/c10k.jsonl
rm -f /tmp/i10k.db*
start=$(date +%s.%N)
cronica ingest /tmp/c10k.jsonl --db /tmp/i10k.db --workers 2 --progress-every 15 > /tmp/i10k.run1.out 2> /tmp/i10k.run1.err &
pid=$!
sleep 150
pkill -9 -P $pid; kill -9 $pid
t1=$(date +%s.%N)
sqlite3 /tmp/i10k.db "select count(*) from articles" > /tmp/i10k.after_kill 2>/dev/null || python -c "import sqlite3;print(sqlite3.connect('/tmp/i10k.db').execute('select count(*) from articles').fetchone()[0])" > /tmp/i10k.after_kill
t2=$(date +%s.%N)
cronica ingest /tmp/c10k.jsonl --db /tmp/i10k.db --workers 2 --progress-every 15 --json > /tmp/i10k.run2.out 2> /tmp/i10k.run2.err
t3=$(date +%s.%N)
python - <<PY
import sqlite3
c=sqlite3.connect('/tmp/i10k.db')
print('articles', c.execute('select count(*) from articles').fetchone()[0], 'distinct hashes', c.execute('select count(distinct content_hash) from articles').fetchone()[0])
print('events', c.execute('select count(*) from events').fetchone()[0])
PY
echo "run1 (killed) $(echo "$t1 - $start" | bc) s; after kill: $(cat /tmp/i10k.after_kill) articles; run2 $(echo "$t3 - $t2" | bc) s"
