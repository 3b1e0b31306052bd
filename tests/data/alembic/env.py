# Runs the revisions on TABULA_ALEMBIC_URL, in batch mode (SQLite's ALTER TABLE cannot drop a
# constraint: Alembic rebuilds the table, after reading it back through SQLAlchemy's reflection).
import os
import sys

from alembic import context
from sqlalchemy import create_engine

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

engine = create_engine(os.environ["TABULA_ALEMBIC_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=models.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
