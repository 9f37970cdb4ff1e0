"""/articles and /search."""
from __future__ import annotations

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from ... import service
from ...ingest.decode import InputError
from ...pipeline import StageError
from ...store import Store
from ..deps import LISTING, Filters, check_token, only, page, store

router = APIRouter(tags=["articles"])


@router.get("/articles", dependencies=[LISTING])
def list_articles(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Articles (metadata, preview, counts), oldest first."""
    return {"total": st.count_articles(**f.values), **p, "items": st.article_summaries(**p, **f.values)}


@router.get("/articles/{article_id:path}", dependencies=[only()])
def get_article(article_id: str, st: Store = Depends(store)) -> dict:
    """One Article with every layer, the stories it belongs to, and what produced it."""
    art = st.get(article_id)
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return {**art.to_json(), "stories": st.stories_of(article_id), "provenance": st.provenance(article_id)}


@router.post("/articles", status_code=201, dependencies=[Depends(check_token)])
def post_article(request: Request, body: dict = Body(..., examples=[{"text": "...", "outlet": "...",
                                                                      "published": "2024-03-04"}])) -> dict:
    """Analyze one article ({text | html, id?, title?, outlet?, url?, published?}) and store it."""
    state = request.app.state
    try:
        art = service.analyze_record(body, state.settings, pipeline=state.pipeline)
    except InputError as e:
        raise HTTPException(422, f"{e.kind}: {e}") from None
    except StageError as e:  # an analysis bug, not the client's: 500 with the stage named
        raise HTTPException(500, str(e)) from e
    with state.lock:  # the analysis ran outside the lock: reads go on meanwhile
        return service.store_record(state.store, art, state.settings)


@router.get("/search", dependencies=[LISTING])
def search(q: str = Query(..., min_length=1, description="words to find (all must occur)"),
           f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Full-text search over articles (Arabic spelling folded), with the other filters."""
    return service.search(st, q, **p, **{k: v for k, v in f.values.items() if k != "q"})
