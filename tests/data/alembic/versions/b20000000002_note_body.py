"""note body, index on title"""
from alembic import op
import sqlalchemy as sa

revision = "b20000000002"
down_revision = "a10000000001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("note", sa.Column("body", sa.Text, nullable=True))
    op.create_index("ix_note_title", "note", ["title"])


def downgrade():
    op.drop_index("ix_note_title", table_name="note")
    with op.batch_alter_table("note") as batch_op:
        batch_op.drop_column("body")
