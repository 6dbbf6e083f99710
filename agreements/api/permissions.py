"""The domain's action permissions (the model permissions are the default; see ``utilities.api.permissions``)."""

from __future__ import annotations

from utilities.api.permissions import HasPermission


class CanRecordStatus(HasPermission):
    permission = "agreements.add_statuschange"


class CanChangeDeadline(HasPermission):
    permission = "agreements.change_deadline"
