"""After a purge, SQLite files must not keep the deleted rows in their free pages.

SQLite marks deleted rows free without erasing them, and a write-ahead log keeps old
pages: a purged e-mail address could still be read from the file. VACUUM rewrites the
file and a truncating checkpoint empties the log. (PostgreSQL's own VACUUM reclaims dead
rows in time; its files are not readable without the server's rights.)
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, make_url, text


def compact_sqlite(url: str) -> bool:
    """VACUUM the SQLite database at `url`; False (nothing done) for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or not Path(parsed.database).exists():
        return False
    engine = create_engine(parsed, isolation_level="AUTOCOMMIT", connect_args={"timeout": 30})
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            connection.execute(text("VACUUM"))
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()
    return True
