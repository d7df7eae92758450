"""What each endpoint returns. Field names are English and stable; descriptions (help_text) are
Norwegian, since the OpenAPI document is read by Norwegian integrators."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tunet.care.models import Placement
from tunet.daily.models import AttendanceStatus

# --- Public ----------------------------------------------------------------------------------------------


class CountySerializer(serializers.Serializer):
    number = serializers.CharField(help_text="Fylkesnummer (2024-inndelingen), to siffer.")
    name = serializers.CharField(help_text="Fylkets navn.")


class MunicipalitySerializer(serializers.Serializer):
    number = serializers.CharField(help_text="Kommunenummer, fire siffer.")
    name = serializers.CharField(help_text="Kommunens navn.")
    official_name = serializers.CharField(
        help_text="Kommunens offisielle navn, også på samisk og kvensk der det finnes."
    )
    county = CountySerializer(help_text="Fylket kommunen ligger i.")
    latitude = serializers.FloatField(help_text="Breddegrad for kommunesenteret (WGS 84).")
    longitude = serializers.FloatField(help_text="Lengdegrad for kommunesenteret (WGS 84).")


class OfferDaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="Ukedag: 0 er mandag, 6 er søndag.")
    places = serializers.IntegerField(help_text="Plasser tilbudet har denne dagen.")
    free_places = serializers.IntegerField(
        help_text="Ledige plasser denne ukedagen det kommende året (de som ikke er avtalt bort)."
    )
    # Wall-clock times in Norway, not instants: OpenAPI's "time" format would demand a UTC offset.
    opens = serializers.RegexField(r"^[0-2][0-9]:[0-5][0-9]$", help_text="Fra klokken (TT:MM, norsk tid).")
    closes = serializers.RegexField(r"^[0-2][0-9]:[0-5][0-9]$", help_text="Til klokken (TT:MM, norsk tid).")


class OfferSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Tilbudets id.")
    title = serializers.CharField(help_text="Tilbudets navn.")
    service_area = serializers.CharField(help_text="Tjenesteområde (kode), f.eks. «health_care».")
    target_groups = serializers.SerializerMethodField(help_text="Målgrupper (koder).")
    activities = serializers.SerializerMethodField(help_text="Aktiviteter (koder).")
    description = serializers.CharField(help_text="Beskrivelse av tilbudet.")
    price_indication = serializers.CharField(help_text="Prisantydning, som gården skriver den.")
    days = OfferDaySerializer(
        many=True, source="api_days", help_text="Ukedagene tilbudet gis, med plasser og ledige plasser."
    )

    def get_target_groups(self, offer: Any) -> list[str]:
        return [group.code for group in offer.target_groups.all()]

    def get_activities(self, offer: Any) -> list[str]:
        return [activity.code for activity in offer.activities.all()]


class ApprovalSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text="Godkjenningens status: approved, suspended, lapsed, revoked eller pending."
    )
    valid_until = serializers.DateField(allow_null=True, help_text="Godkjent til og med denne datoen.")


class FarmSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Gårdens id.")
    name = serializers.CharField(help_text="Gårdens navn.")
    description = serializers.CharField(help_text="Gårdens egen presentasjon.")
    municipality = serializers.CharField(source="municipality_id", help_text="Kommunenummer.")
    municipality_name = serializers.CharField(source="municipality.name", help_text="Kommunens navn.")
    county = serializers.CharField(source="municipality.county_id", help_text="Fylkesnummer.")
    latitude = serializers.FloatField(help_text="Breddegrad (WGS 84).")
    longitude = serializers.FloatField(help_text="Lengdegrad (WGS 84).")
    distance_km = serializers.FloatField(
        allow_null=True, required=False, help_text="Avstand i kilometer fra stedet i «near», ellers null."
    )
    transport_offered = serializers.BooleanField(help_text="Gården kjører deltakerne til og fra.")
    step_free_access = serializers.BooleanField(help_text="Trinnfri adkomst.")
    approval = serializers.SerializerMethodField(help_text="Inn på tunet-godkjenningen.")
    offers = OfferSerializer(many=True, source="api_offers", help_text="Gårdens aktive tilbud.")
    url = serializers.SerializerMethodField(help_text="Gårdens side i katalogen.")

    @extend_schema_field(ApprovalSerializer)
    def get_approval(self, farm: Any) -> dict[str, Any]:
        approval = getattr(farm, "approval", None)
        return {
            "status": approval.status if approval else "pending",
            "valid_until": approval.valid_until if approval else None,
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, farm: Any) -> str:
        return self.context["request"].build_absolute_uri(reverse("catalogue:farm", args=[farm.pk]))


class ChapterSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Kapitlets faste nøkkel.")
    handbook = serializers.CharField(source="handbook.slug", help_text="Håndboken kapitlet hører til (kortnavn).")
    handbook_title = serializers.CharField(source="handbook.title", help_text="Håndbokens tittel.")
    title = serializers.CharField(help_text="Kapitlets tittel.")
    audiences = serializers.SerializerMethodField(help_text="Hvem kapitlet er skrevet for.")
    body_html = serializers.CharField(source="body", help_text="Teksten som renset HTML.")
    published_at = serializers.DateTimeField(allow_null=True, help_text="Sist publisert.")
    url = serializers.SerializerMethodField(help_text="Kapitlets side i håndboken.")

    def get_audiences(self, chapter: Any) -> list[str]:
        names = ("buyers", "providers", "participants", "relatives")
        return [name for name in names if getattr(chapter, f"for_{name}")]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, chapter: Any) -> str:
        return self.context["request"].build_absolute_uri(reverse("learning:chapter", args=[chapter.key]))


# --- Buying ------------------------------------------------------------------------------------------------


class RequestSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Forespørselens id.")
    title = serializers.CharField(help_text="Tittel.")
    service_area = serializers.CharField(help_text="Tjenesteområde (kode).")
    target_group = serializers.CharField(source="target_group.code", help_text="Målgruppe (kode).")
    places = serializers.IntegerField(help_text="Antall plasser det spørres etter.")
    weekdays = serializers.ListField(child=serializers.IntegerField(), help_text="Ukedager (0 = mandag).")
    start = serializers.DateField(help_text="Ønsket oppstart.")
    months = serializers.IntegerField(help_text="Varighet i måneder.")
    transport_needed = serializers.BooleanField(help_text="Deltakerne trenger transport.")
    answer_by = serializers.DateField(help_text="Frist for svar fra gårdene.")
    status = serializers.CharField(help_text="Status: open, closed eller cancelled.")
    created_at = serializers.DateTimeField(help_text="Opprettet.")


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Tilbudets id.")
    request = serializers.IntegerField(source="request_id", help_text="Forespørselen tilbudet svarer på.")
    farm = serializers.IntegerField(source="farm_id", help_text="Gården som svarer.")
    farm_name = serializers.CharField(source="farm.name", help_text="Gårdens navn.")
    service_offer = serializers.IntegerField(
        source="service_offer_id", allow_null=True, help_text="Gårdens tilbud det gjelder."
    )
    status = serializers.CharField(help_text="Status: submitted, declined, accepted eller rejected.")
    price_model = serializers.CharField(help_text="Prismodell.")
    price = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True, help_text="Pris i kroner.")
    places = serializers.IntegerField(allow_null=True, help_text="Plasser gården tilbyr.")
    weekdays = serializers.ListField(child=serializers.IntegerField(), help_text="Ukedager (0 = mandag).")
    transport = serializers.BooleanField(help_text="Transport er med.")
    note = serializers.CharField(help_text="Gårdens merknad.")
    decline_reason = serializers.CharField(help_text="Hvorfor gården sier nei.")
    created_at = serializers.DateTimeField(help_text="Sendt.")


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Versjonsnummer.")
    state = serializers.CharField(help_text="Tilstand: draft, signed eller replaced.")
    start = serializers.DateField(help_text="Fra og med.")
    end = serializers.DateField(help_text="Til og med.")
    renewal_years = serializers.IntegerField(help_text="År avtalen fornyes med om gangen (0: fornyes ikke).")
    places = serializers.DictField(child=serializers.IntegerField(), help_text="Plasser per ukedag (0 = mandag).")
    price_model = serializers.CharField(help_text="Prismodell.")
    price = serializers.DecimalField(max_digits=9, decimal_places=2, help_text="Pris i kroner.")
    transport = serializers.BooleanField(help_text="Gården kjører deltakerne.")
    termination_months = serializers.IntegerField(help_text="Oppsigelsestid i måneder.")
    pdf = serializers.SerializerMethodField(help_text="Versjonen som PDF (krever innlogging i nettleseren).")

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, version: Any) -> str:
        url = reverse("purchasing:agreement_pdf", args=[version.agreement_id, version.number])
        return self.context["request"].build_absolute_uri(url)


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Avtalens id.")
    buyer = serializers.IntegerField(source="buyer_id", help_text="Kjøperens virksomhets-id.")
    buyer_name = serializers.CharField(source="buyer.name", help_text="Kjøperens navn.")
    farm = serializers.IntegerField(source="farm_id", help_text="Gårdens id.")
    farm_name = serializers.CharField(source="farm.name", help_text="Gårdens navn.")
    service_offer = serializers.IntegerField(source="service_offer_id", help_text="Tilbudet avtalen gjelder.")
    status = serializers.CharField(help_text="Avtalens status: draft, active, ended eller cancelled.")
    ends_on = serializers.DateField(allow_null=True, help_text="Siste dag etter oppsigelse, ellers null.")
    created_at = serializers.DateTimeField(help_text="Opprettet.")
    versions = VersionSerializer(many=True, source="version_list", help_text="Alle versjoner, eldste først.")


# --- Placements and the farm day ------------------------------------------------------------------------------


class PlacementSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Plassens id.")
    agreement = serializers.IntegerField(source="agreement_id", help_text="Avtalen plassen hører til.")
    participant = serializers.IntegerField(source="participant_id", help_text="Deltakerens id.")
    participant_name = serializers.CharField(source="participant.__str__", help_text="Deltakerens navn.")
    weekdays = serializers.ListField(child=serializers.IntegerField(), help_text="Ukedager (0 = mandag).")
    start = serializers.DateField(help_text="Oppstart.")
    planned_end = serializers.DateField(allow_null=True, help_text="Planlagt slutt (tidsbegrensede NAV-plasser).")
    status = serializers.CharField(help_text="Status: referred, active, declined eller ended.")
    ended_on = serializers.DateField(allow_null=True, help_text="Sluttet, om plassen er avsluttet.")


class AttendanceDaySerializer(serializers.Serializer):
    date = serializers.DateField(help_text="Dagen.")
    status = serializers.CharField(help_text="Oppmøte (kode), tom når ingenting er registrert.")
    label = serializers.CharField(help_text="Oppmøte slik siden viser det.")
    hours = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True, help_text="Timer på gården.")
    note = serializers.CharField(help_text="Merknad.")


class AttendanceMonthSerializer(serializers.Serializer):
    placement = serializers.IntegerField(help_text="Plassens id.")
    month = serializers.CharField(help_text="Måneden, ÅÅÅÅ-MM.")
    days = AttendanceDaySerializer(
        many=True, help_text="Hver dag deltakeren skulle komme eller har registrert oppmøte."
    )
    hours = serializers.DecimalField(max_digits=7, decimal_places=2, help_text="Sum timer.")
    unregistered = serializers.IntegerField(help_text="Dager uten registrert oppmøte.")


class AttendanceInSerializer(serializers.Serializer):
    placement = serializers.IntegerField(min_value=1, max_value=2**53, help_text="Plassens id.")
    date = serializers.DateField(help_text="Dagen oppmøtet gjelder.")
    status = serializers.ChoiceField(choices=AttendanceStatus.choices, help_text="Oppmøte (kode).")
    hours = serializers.DecimalField(
        max_digits=4, decimal_places=2, required=False, allow_null=True, help_text="Timer på gården (0–24)."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text="Merknad.")


class AttendanceOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Registreringens id.")
    placement = serializers.IntegerField(source="placement_id", help_text="Plassens id.")
    date = serializers.DateField(help_text="Dagen.")
    status = serializers.CharField(help_text="Oppmøte (kode).")
    hours = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True, help_text="Timer.")
    note = serializers.CharField(help_text="Merknad.")
    recorded_at = serializers.DateTimeField(help_text="Registrert.")


class InvoiceBasisSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(help_text="Avtalens id.")
    month = serializers.CharField(help_text="Måneden, ÅÅÅÅ-MM.")
    sent = serializers.BooleanField(help_text="Gården har sendt grunnlaget (tallene er da låst).")
    basis = serializers.JSONField(help_text="Linjer og sum, slik siden viser dem (i øre og kroner).")


def placement_participants(placements: list[Placement]) -> list[Any]:
    return [placement.participant for placement in placements]
