"""The permission layer: every "may this person do this to that?" is answered here.

Views, API endpoints, exports and tasks call these functions; nothing else compares organisation
ids. Roles are data (ROLE_PERMISSIONS): a check is one function call.

A person acts through one *membership* at a time (the organisation and role chosen in the header).
Permissions come from that membership's role and are limited to its organisation.

Callers use the package as one module (`access.can_buy(membership)`); the sub-modules keep the rules
of one part of the domain together:

- roles:        Perm, ROLE_PERMISSIONS, the active membership, has_perm, people_with_perm
- refusal:      refuse (404 or 403, decided here), require, found, the `acting` decorator, may
- farms:        organisations, farms, the approval scheme, the handbook and the school
- buying:       requests, offers and agreements
- participants: participants, the farm day and its papers, the stay
- log:          the access log of participants' personal data
- portal:       the participant's own pages: what a participant or a relative with consent may see
- statistics:   whose figures a viewer sees (a region, the country, a buyer's own purchases)
"""

from .buying import (
    agreement_side,
    can_answer_requests,
    can_buy,
    can_manage_request,
    can_set_signing_rule,
    can_sign_agreement,
    can_view_agreement,
    can_view_request,
)
from .farms import (
    can_audit,
    can_create_farm,
    can_download_certificate,
    can_edit_farm,
    can_edit_handbook,
    can_keep_approval_file,
    can_manage_api_clients,
    can_manage_members,
    can_manage_organisation,
    can_read_chapter,
    can_remove_membership,
    can_run_approvals,
    can_take_course,
    can_view_approval_file,
    can_view_farm,
    can_view_organisation,
    can_view_sensitive_documents,
    farm_keepers,
)
from .log import access_log_for, log_access, log_access_many, log_shown
from .participants import (
    can_change_named_people,
    can_decide_referral,
    can_follow_agreement,
    can_follow_placement,
    can_keep_risk_assessment,
    can_lift_protection,
    can_manage_participant,
    can_protect,
    can_register_participants,
    can_run_farm_day,
    can_see_contact_details,
    can_see_personal_details,
    can_send_invoice_basis,
    can_view_access_log,
    can_view_participant,
    names_themselves,
    runs_farm_day,
)
from .portal import (
    MAY_BE_CONTACTED,
    REPORTS_ABSENCE,
    SEES_DAYS,
    SEES_GOALS,
    SEES_RECORDS,
    can_join_conversation,
    can_manage_portal_access,
    portal_covers,
    portal_shows_address,
)
from .refusal import acting, found, may, refuse, require
from .roles import (
    API_CLIENT_ROLES,
    BUYER_KINDS,
    ROLE_PERMISSIONS,
    SESSION_KEY,
    Perm,
    active_membership,
    api_client_role,
    choose_membership,
    has_perm,
    memberships,
    memberships_of,
    people_with_perm,
    roles_for,
)
from .statistics import (
    STATSFORVALTER_REGIONS,
    StatisticsScope,
    can_view_national_statistics,
    can_view_region_statistics,
    can_view_statistics,
    region_of,
    statistics_scope,
)

__all__ = [
    "MAY_BE_CONTACTED",
    "REPORTS_ABSENCE",
    "SEES_DAYS",
    "SEES_GOALS",
    "SEES_RECORDS",
    "can_join_conversation",
    "can_manage_portal_access",
    "portal_covers",
    "portal_shows_address",
    "API_CLIENT_ROLES",
    "BUYER_KINDS",
    "ROLE_PERMISSIONS",
    "SESSION_KEY",
    "STATSFORVALTER_REGIONS",
    "Perm",
    "StatisticsScope",
    "access_log_for",
    "acting",
    "active_membership",
    "api_client_role",
    "agreement_side",
    "can_answer_requests",
    "can_audit",
    "can_buy",
    "can_change_named_people",
    "can_create_farm",
    "can_decide_referral",
    "can_download_certificate",
    "can_edit_farm",
    "can_edit_handbook",
    "can_follow_agreement",
    "can_follow_placement",
    "can_keep_approval_file",
    "can_keep_risk_assessment",
    "can_lift_protection",
    "can_manage_api_clients",
    "can_manage_members",
    "can_manage_organisation",
    "can_manage_participant",
    "can_protect",
    "can_manage_request",
    "can_read_chapter",
    "can_register_participants",
    "can_remove_membership",
    "can_run_approvals",
    "can_run_farm_day",
    "can_see_contact_details",
    "can_see_personal_details",
    "can_send_invoice_basis",
    "can_set_signing_rule",
    "can_sign_agreement",
    "can_take_course",
    "can_view_access_log",
    "can_view_agreement",
    "can_view_approval_file",
    "can_view_farm",
    "can_view_organisation",
    "can_view_participant",
    "can_view_national_statistics",
    "can_view_region_statistics",
    "can_view_request",
    "can_view_sensitive_documents",
    "can_view_statistics",
    "choose_membership",
    "farm_keepers",
    "found",
    "has_perm",
    "log_access",
    "log_access_many",
    "log_shown",
    "may",
    "memberships",
    "memberships_of",
    "names_themselves",
    "people_with_perm",
    "refuse",
    "region_of",
    "require",
    "roles_for",
    "runs_farm_day",
    "statistics_scope",
]
