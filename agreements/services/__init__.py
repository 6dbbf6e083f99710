"""Service functions: every write to the domain goes through one of these.

Views, serializers, admin actions, tasks and management commands call them;
none of those writes models directly. Each service is one transaction and
writes its StatusChange and outbox Event alongside the change.
"""
