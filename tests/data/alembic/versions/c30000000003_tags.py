"""tags"""
from alembic import op
import sqlalchemy as sa

revision = "c30000000003"
down_revision = "b20000000002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.UniqueConstraint("name", name="uq_tag_name"),
    )


def downgrade():
    op.drop_table("tag")
