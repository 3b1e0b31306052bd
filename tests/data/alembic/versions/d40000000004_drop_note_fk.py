"""drop the foreign key of note by its name (only Alembic has this revision)"""
from alembic import op

revision = "d40000000004"
down_revision = "c30000000003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("note") as batch_op:
        batch_op.drop_constraint("fk_note_user_id_user", type_="foreignkey")


def downgrade():
    with op.batch_alter_table("note") as batch_op:
        batch_op.create_foreign_key("fk_note_user_id_user", "user", ["user_id"], ["id"])
