"""The API's routers, one per resource; each reads the store through :func:`rasd.api.deps.store`."""
from . import articles, entities, events, exports, stories

ROUTERS = (articles.router, events.router, stories.router, entities.router, exports.router)
