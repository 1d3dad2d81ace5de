"""The console says what is configured: the admin line follows the ADMIN_TOKEN or sign-in that is set."""

import pytest

from web.admin import access_text

_SIGNIN = ("SIGNIN_JWT_PUBLIC_KEY", "SIGNIN_JWT_PUBLIC_KEY_FILE", "SIGNIN_JWT_SECRET")


@pytest.mark.parametrize(
    "env, says",
    [
        ({"ADMIN_TOKEN": "s3cret"}, "sign in with the ADMIN_TOKEN that is set"),
        ({"SIGNIN_JWT_SECRET": "k" * 32}, "sign in with a CSR sign-in token"),
        ({}, "DISABLED: set ADMIN_TOKEN"),
    ],
)
def test_the_admin_line_reflects_what_is_set(monkeypatch, env, says):
    for name in ("ADMIN_TOKEN", *_SIGNIN):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert access_text().startswith(says)
