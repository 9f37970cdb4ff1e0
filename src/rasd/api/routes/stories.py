"""/stories."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from ...store import Store
from ..deps import LISTING, Filters, only, page, store

router = APIRouter(tags=["stories"])


@router.get("/stories", dependencies=[LISTING])
def list_stories(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Stories having an article that matches the filters."""
    return {"total": st.count_stories(**f.values), **p,
            "items": [s.to_json() for s in st.find_stories(**p, **f.values)]}


@router.get("/stories/{story_id:path}", dependencies=[only()])
def get_story(story_id: str, st: Store = Depends(store)) -> dict:
    """One story: its articles, merged events and contradictions."""
    found = st.story(story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return found.to_json()
