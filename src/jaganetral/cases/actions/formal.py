"""The formal requirements of a laporan (Perbawaslu 7/2022): a report that fails them is not
registered as a laporan; its content can become initial information for a finding
(:func:`jaganetral.cases.actions.opening.convert_to_initial_information`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jaganetral.cases.errors import FormalRequirementsNotMet
from jaganetral.cases.models import Case, Source


def formal_problems(case: Case) -> list[str]:
    """Why a case opened from a report cannot be registered as a laporan: the formal requirements of
    Perbawaslu 7/2022 Ps 15 ayat (3) (the reporter's name and address; reported within the time
    limit, Ps 8 ayat (3)). Empty for findings and for reports that meet them."""
    if case.source != Source.LAPORAN or case.report is None:
        return []
    problems = []
    if not case.report.identity_complete:
        problems.append(_("identitas pelapor (nama dan alamat) tidak ada atau tidak lengkap"))
    if not case.on_time:
        problems.append(_("laporan disampaikan melewati batas waktu pelaporan"))
    return problems


def formal_refusal(problems: list[str]) -> FormalRequirementsNotMet:
    return FormalRequirementsNotMet(
        _(
            "Laporan tidak memenuhi syarat formil (Perbawaslu 7/2022 Pasal 15): %(problems)s. Laporan ini "
            "tidak dapat diregistrasi sebagai laporan; isinya dapat dijadikan informasi awal untuk temuan."
        )
        % {"problems": "; ".join(problems)}
    )
