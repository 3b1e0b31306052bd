# Alembic's autogenerate comparison of the database at TABULA_ALEMBIC_URL with models.py (what
# `alembic check` does from 1.9): prints each difference, exits 1 when there is one.
import os
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

engine = create_engine(os.environ["TABULA_ALEMBIC_URL"])
with engine.connect() as connection:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    differences = compare_metadata(context, models.metadata)
for difference in differences:
    print(difference)
sys.exit(1 if differences else 0)
