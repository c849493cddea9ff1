"""What the buyers app announces to the apps above it, which connect in their `AppConfig.ready`."""

from django.dispatch import Signal

# Something of these people's threads or areas changed (a message, a read, a profile, a
# membership): what an app above keeps per person about them is out of date.
# Arguments: `user_ids` (a set).
threads_changed = Signal()
