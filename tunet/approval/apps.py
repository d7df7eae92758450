from django.apps import AppConfig


class ApprovalConfig(AppConfig):
    name = "tunet.approval"
    verbose_name = "Godkjenning"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from tunet.catalogue.page_cache import bump_version

        from .models import Approval

        # The catalogue shows each farm's approval (and lists only approved farms): a change to an
        # approval makes its kept pages out of date. The catalogue may not import approval, so
        # approval tells it.
        post_save.connect(bump_version, sender=Approval, dispatch_uid="catalogue-version-save-Approval")
        post_delete.connect(bump_version, sender=Approval, dispatch_uid="catalogue-version-delete-Approval")
