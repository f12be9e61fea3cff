import datetime as dt

import factory

from safeguard.partners.tests.factories import AgencyFactory
from safeguard.people.matching.index import match_keys_refresh
from safeguard.people.models import Address, Person, PersonAddress, PersonName
from safeguard.people.names import name_fields


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    """A person with a primary name; pass `given_name=` and `family_name=` to choose it."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    kind = "child"
    date_of_birth = dt.date(2012, 3, 27)
    sex = "F"
    recorded_by_agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def primary_name(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        given = self._given_name  # type: ignore[attr-defined]
        family = self._family_name  # type: ignore[attr-defined]
        PersonName.objects.create(
            person=self,
            kind="primary",
            given_name=given,
            family_name=family,
            **name_fields(given, family),
        )
        match_keys_refresh(person_ids=[self.pk])

    @classmethod
    def _create(cls, model_class: type[Person], *args: object, **kwargs: object) -> Person:
        given = kwargs.pop("given_name", "Amelia")
        family = kwargs.pop("family_name", "Hughes")
        person = super()._create(model_class, *args, **kwargs)
        person._given_name = given  # type: ignore[attr-defined]
        person._family_name = family  # type: ignore[attr-defined]
        return person


def give_address(person: Person, postcode: str = "UB8 1UW", *, current: bool = True) -> Address:
    address = Address.objects.create(line_1="1 High Street", town="Uxbridge", postcode=postcode)
    PersonAddress.objects.create(
        person=person,
        address=address,
        kind="home",
        end_date=None if current else dt.date(2017, 1, 1),
    )
    match_keys_refresh(person_ids=[person.pk])
    return address
