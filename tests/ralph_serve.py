"""Serve Ralph's LRS for the tests; run by .venv-lrs's Python (see tests/ralph.py), never imported by the suite.

Like ``ralph runserver -b fs``, but without uvicorn's file-watching reloader,
and with two fixes to Ralph's file backend (its development backend; the
database ones are not affected):

- it writes each batch in "create" mode, which refuses to write to a file
  that exists, so once one batch is stored every later one fails with HTTP
  500: it appends instead, which is what a statement log needs;
- its ``activity`` and ``verb`` filters compare the query's IRI object with
  the statement's string, which never matches, so those queries return
  nothing: the IRI is compared as text.

Everything the tests check (validation, duplicates, conflicts, queries) is
otherwise Ralph's own code, unchanged.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
from stop_cleanly import exit_with_parent

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_by_activity = FSLRSBackend._add_filter_by_activity
_by_verb = FSLRSBackend._add_filter_by_verb


def _activity_as_text(filters, object_id, related):
    return _by_activity(filters, None if object_id is None else str(object_id), related)


def _verb_as_text(filters, verb_id):
    return _by_verb(filters, None if verb_id is None else str(verb_id))


FSLRSBackend._add_filter_by_activity = staticmethod(_activity_as_text)
FSLRSBackend._add_filter_by_verb = staticmethod(_verb_as_text)

if __name__ == "__main__":
    exit_with_parent()  # started in its own process group: if the suite is killed outright, this goes too
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", reload=False)
