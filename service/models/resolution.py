"""Which actors are one party: the judgements that say two actors are (or are not) the same, and the merges
they add up to. Each actor keeps its own row, names and links (an import goes on writing to the actor of its
entry); a merged actor points at the survivor, which answers for all of them."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of, utcnow
from service.vocabulary import Judgement


class ActorJudgement(Base):
    """Two actors judged the same party or not: by strong evidence found by an import (`who` the import, the
    evidence in `evidence`), or by a person (`merge`, `not-same`, `unmerge`). The pair is stored in id order."""

    __tablename__ = "actor_judgements"
    __table_args__ = (
        CheckConstraint(one_of("judgement", Judgement), name="judgement"),
        CheckConstraint("left_id < right_id", name="pair_order"),
        UniqueConstraint("left_id", "right_id"),
        Index("ix_actor_judgements_right_id", "right_id"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    left_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    right_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    judgement: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(Text, doc="What made an import merge them: 'passport PS472330208'.")
    who: Mapped[str] = mapped_column(String(100), doc="The import, or the command and who ran it.")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActorMerge(Base):
    """An actor merged into another, the survivor: kept equal to the judgements (every actor joined to another by
    `same` judgements, directly or not, points at the one survivor of them all)."""

    __tablename__ = "actor_merges"
    __table_args__ = (Index("ix_actor_merges_merged_into", "merged_into"),)

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    merged_into: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
