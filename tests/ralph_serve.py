"""Serve Ralph's LRS for the tests; run by .venv-lrs's Python (see tests/ralph.py), never imported by the suite.

Like ``ralph runserver -b fs``, but without uvicorn's file-watching reloader,
and with one change to Ralph: its file backend writes each batch in
"create" mode, which refuses to write to a file that exists, so a file
backend that has stored one batch fails every later one with HTTP 500.
Appending is what a statement log needs; everything the tests check
(validation, duplicates, conflicts, queries) is Ralph's own code, unchanged.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", reload=False)
