"""Hostile app (issue 27, item 17): five mutually recursive pydantic models, each able
to hold any of the others, as an org chart or a document tree is modelled. Discovery
inlined every `$ref` up to three times along each path: the schema of one request body
grew to 15 MB and more, and discovery hung.

route                 behaviour                                   verdict
POST /orgs/           counts the nodes of the tree it is given    passed
"""

from __future__ import annotations

from typing import List, Optional

from fastapi import FastAPI
from pydantic import BaseModel


class Org(BaseModel):
    name: str
    teams: List[Team] = []
    lead: Optional[Person] = None
    projects: List[Project] = []
    office: Optional[Office] = None


class Team(BaseModel):
    name: str
    org: Optional[Org] = None
    members: List[Person] = []
    projects: List[Project] = []
    office: Optional[Office] = None


class Person(BaseModel):
    name: str
    team: Optional[Team] = None
    org: Optional[Org] = None
    projects: List[Project] = []
    desk: Optional[Office] = None


class Project(BaseModel):
    title: str
    owner: Optional[Person] = None
    team: Optional[Team] = None
    org: Optional[Org] = None
    room: Optional[Office] = None


class Office(BaseModel):
    city: str
    org: Optional[Org] = None
    teams: List[Team] = []
    people: List[Person] = []
    projects: List[Project] = []


for model in (Org, Team, Person, Project, Office):
    model.model_rebuild()

app = FastAPI(title="Orgs")


@app.post("/orgs/")
def create_org(org: Org) -> dict[str, int]:
    return {"teams": len(org.teams), "projects": len(org.projects)}
