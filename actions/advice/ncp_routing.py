"""Which National Contact Point(s), and which embassy or ministry, fit a case.

Rules (OECD Guidelines and the Dutch IRBC step plan, docs/sources):
- a complaint normally goes to the NCP of the country where the issue arose;
- a Dutch company abroad or a foreign company in the Netherlands: the Dutch NCP,
  or, where there is one, the NCP of the country concerned;
- no NCP where the issue arose: the NCP of the company's home country (a country missing
  from the reference data is not said to have none: the user is sent to the OECD list);
- government money involved (export credit, subsidy, ...): also the embassy or
  ministry concerned, and the body that provided the money.
Only contact details present in the reference data are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from actions.reference import catalogue
from actions.reference.catalogue import GovernmentContact

NETHERLANDS = "NL"
FUNDING_CODES = ("export_credit", "subsidy", "development_finance", "trade_mission", "other")


@dataclass(frozen=True)
class NcpOption:
    role: str  # harm_country, netherlands, home_country
    iso2: str
    name: Optional[str]
    website: Optional[str]
    email: Optional[str]
    source_url: str
    verified: bool  # False: the row is marked unverified, so its name and contact are not stated

    @property
    def has_contact(self) -> bool:
        return self.verified and bool(self.website or self.email)


@dataclass
class Route:
    company_country: str
    harm_country: str
    funding: Optional[str]
    options: List[NcpOption] = field(default_factory=list)
    harm_country_not_listed: bool = False  # no NCP row for it: not proof that it has none
    government: List[GovernmentContact] = field(default_factory=list)


def ncp_option(role: str, iso2: str) -> Optional[NcpOption]:
    ncp = catalogue.ncp_for(iso2)
    if ncp is None:
        return None
    return NcpOption(role, iso2, ncp.name, ncp.website, ncp.email, ncp.source_url, ncp.verified)


def government_contacts(funding: Optional[str]) -> List[GovernmentContact]:
    if not funding or funding == "none":
        return []
    contacts = [c for c in catalogue.government_contacts() if c.applies_to in (funding, "any")]
    # instrument-specific bodies first, then embassy, ministry, support desk
    contacts.sort(
        key=lambda c: (
            0
            if c.key not in ("embassies", "minbuza", "imvo_steunpunt")
            else {"embassies": 1, "minbuza": 2, "imvo_steunpunt": 3}[c.key]
        )
    )
    return contacts


def route(company_country: str, harm_country: str, funding: Optional[str] = None) -> Route:
    result = Route(company_country, harm_country, funding)
    seen = set()

    def add(role: str, iso2: str) -> None:
        if iso2 in seen:
            return
        option = ncp_option(role, iso2)
        if option:
            result.options.append(option)
            seen.add(iso2)

    if harm_country == NETHERLANDS:
        add("netherlands", NETHERLANDS)
    else:
        add("harm_country", harm_country)
        result.harm_country_not_listed = harm_country not in seen
    if company_country == NETHERLANDS:
        add("netherlands", NETHERLANDS)
    else:
        add("home_country", company_country)
    result.government = government_contacts(funding)
    return result
