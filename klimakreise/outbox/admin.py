from django.contrib import admin

from klimakreise.outbox.models import OutboxAttachment, OutboxEmail


class OutboxAttachmentInline(admin.TabularInline):
    model = OutboxAttachment
    fields = ["filename", "mimetype"]
    readonly_fields = ["filename", "mimetype"]
    extra = 0
    can_delete = False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "status", "attempts", "edition", "created_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "key"]
    list_select_related = ["edition"]
    date_hierarchy = "created_at"
    readonly_fields = ["sending_since", "created_at", "sent_at", "attempts", "key"]
    raw_id_fields = ["edition"]
    inlines = [OutboxAttachmentInline]
