"""A command listener that keeps the names of the commands its clients send."""

from pymongo import monitoring


class CommandNames(monitoring.CommandListener):
    """The names of the commands the clients it listens to send, in order."""

    def __init__(self):
        self.names = []

    def started(self, event):
        self.names.append(event.command_name)

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass
