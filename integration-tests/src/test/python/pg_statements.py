"""Runs each line of a file as a statement through psycopg2 and prints every row as the server's text:
"--- i" before each statement's rows, values tab-separated, NULL as <null>. The parity test compares the
output with the Avatica port's rows for the same statements."""
import sys

import psycopg2
import psycopg2.extensions

# Every type as the text the server sent, so that the comparison is of the wire, not of Python's formatting.
psycopg2.extensions.register_type(psycopg2.extensions.new_type(tuple(range(1, 5000)), "RAW", lambda v, cur: v))

conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="python", dbname="any")
conn.autocommit = True
cur = conn.cursor()
with open(sys.argv[2], encoding="utf-8") as f:
    statements = [line for line in f.read().split("\n") if line]
for i, statement in enumerate(statements):
    print("--- %d" % i)
    cur.execute(statement)
    for row in cur.fetchall():
        print("\t".join("<null>" if v is None else v for v in row))
conn.close()
