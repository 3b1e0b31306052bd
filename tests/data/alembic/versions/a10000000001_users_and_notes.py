"""users and notes"""
from alembic import op
import sqlalchemy as sa

revision = "a10000000001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name="fk_note_user_id_user"),
    )


def downgrade():
    op.drop_table("note")
    op.drop_table("user")
