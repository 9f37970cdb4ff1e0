"""/articles and /search."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ... import service
from ...ingest.decode import InputError
from ...pipeline import StageError
from ...store import Store
from ..deps import LISTING, Filters, check_token, only, page, resolved, store
from ..errors import ApiError
from ..models import ERRORS, ArticleDetail, ArticleIn, ArticleSummary, Page, Posted, SearchHit

router = APIRouter(tags=["articles"], responses=ERRORS)


@router.get("/articles", dependencies=[LISTING], response_model=Page[ArticleSummary])
def list_articles(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Articles (metadata, preview, counts), oldest first."""
    return {"total": st.count_articles(**f.values), **p, "items": st.article_summaries(**p, **f.values),
            "resolved": resolved(st, f.values)}


@router.get("/articles/{article_id:path}", dependencies=[only()], response_model=ArticleDetail)
def get_article(article_id: str, st: Store = Depends(store)) -> dict:
    """One Article with every layer, the stories it belongs to, and what produced it."""
    art = st.get(article_id)
    if art is None:
        raise ApiError(404, f"no article with id {article_id!r}", param="article_id")
    return {**art.to_json(), "stories": st.stories_of(article_id), "provenance": st.provenance(article_id)}


@router.post("/articles", status_code=201, dependencies=[Depends(check_token)], response_model=Posted)
def post_article(request: Request, body: ArticleIn) -> dict:
    """Analyze one article ({text | html, id?, title?, outlet?, url?, published?}) and store it."""
    state = request.app.state
    try:
        art = service.analyze_record(body.model_dump(exclude_unset=True), state.settings, pipeline=state.pipeline)
    except InputError as e:
        raise ApiError(422, f"{e.kind}: {e}", code=f"input_{e.kind}") from None
    except StageError as e:  # an analysis bug, not the client's: 500 with the stage named
        raise ApiError(500, str(e), code="stage_failed") from e
    with state.lock:  # the analysis ran outside the lock: reads go on meanwhile
        return service.store_record(state.store, art, state.settings)


@router.get("/search", dependencies=[LISTING], response_model=Page[SearchHit])
def search(q: str = Query(..., min_length=1, description="words to find (all must occur)"),
           f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Full-text search over articles (Arabic spelling folded), with the other filters."""
    rest = {k: v for k, v in f.values.items() if k != "q"}
    return {**service.search(st, q, **p, **rest), "resolved": resolved(st, rest)}
