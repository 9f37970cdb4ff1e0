"""The API's routers, one per resource; each reads the store through :func:`rasd.api.deps.store`."""
from . import articles, entities, events, exports, stories, suggest

ROUTERS = (articles.router, events.router, stories.router, entities.router, suggest.router, exports.router)
