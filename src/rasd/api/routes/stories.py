"""/stories."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ...store import Store
from ..deps import LISTING, Filters, only, page, resolved, store
from ..errors import ApiError
from ..models import ERRORS, Page, Story

router = APIRouter(tags=["stories"], responses=ERRORS)


@router.get("/stories", dependencies=[LISTING], response_model=Page[Story])
def list_stories(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Stories having an article that matches the filters."""
    return {"total": st.count_stories(**f.values), **p,
            "items": [s.to_json() for s in st.find_stories(**p, **f.values)], "resolved": resolved(st, f.values)}


@router.get("/stories/{story_id:path}", dependencies=[only()], response_model=Story)
def get_story(story_id: str, st: Store = Depends(store)) -> dict:
    """One story: its articles, merged events and contradictions."""
    found = st.story(story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id!r}", param="story_id")
    return found.to_json()
