"""The OpenAPI document's description of how a client authenticates."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ClientKeyScheme(OpenApiAuthenticationExtension):
    target_class = "tunet.api.auth.ClientKeyAuthentication"
    name = "klientnokkel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Nøkkelen virksomhetens administrator fikk da API-klienten ble opprettet: "
                "«Authorization: Bearer tunet_<nøkkel>_<hemmelighet>»."
            ),
        }
