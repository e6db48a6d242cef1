"""Entries of the official sanctions lists, as last imported: what lets a newer list's import tell what was
added, changed and removed."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped, one_of
from service.vocabulary import ListingStatus, SanctionsList


class ListEntry(Timestamped, Base):
    """One entry of one list: the actor it lists, its latest text (a source), the designation it records and,
    once a newer list no longer has it, the delisting."""

    __tablename__ = "list_entries"
    __table_args__ = (
        CheckConstraint(one_of("list_name", SanctionsList), name="list_name"),
        CheckConstraint(one_of("status", ListingStatus), name="status"),
        UniqueConstraint("list_name", "reference"),
        Index("ix_list_entries_actor_id", "actor_id"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    list_name: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(64), doc="The list's own key: 'KPi.001', OFAC's ent_num '17069'.")
    regimes: Mapped[str] = mapped_column(
        String(500), doc="The UN list type ('DPRK'), or the OFAC program tags, space-separated ('DPRK3 NPWMD')."
    )
    status: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), doc="The entry's text as last imported."
    )
    listed_action_id: Mapped[str | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))
    delisted_action_id: Mapped[str | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))


class ListImport(Timestamped, Base):
    """The date of the list last imported from each source: an older list is refused unless forced, so that no
    delisting is dated before the listing it ends."""

    __tablename__ = "list_imports"
    __table_args__ = (CheckConstraint(one_of("list_name", SanctionsList), name="list_name"),)

    list_name: Mapped[str] = mapped_column(String(16), primary_key=True)
    list_date: Mapped[date] = mapped_column(Date, doc="The list's own date: its publication, or generation.")
    file_sha256: Mapped[str] = mapped_column(String(64), doc="Of the list's main file.")
