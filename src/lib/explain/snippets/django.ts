/**
 * Python with Django REST framework and djangorestframework-simplejwt (which
 * decodes with PyJWT): the SIMPLE_JWT settings for the page's settings, the
 * token endpoints and a protected view. simplejwt has no `require` option;
 * it always wants `token_type`, `jti` and the user id claim, and checks `exp`.
 */
import { JWKS_URL, isHmac, leewayOf, lit, required, type SnippetGenerator } from './types';

/** The SIMPLE_JWT entries that say where the key comes from. */
function keySettings(keyKind: string, alg: string): string[] {
  if (keyKind === 'jwks')
    return [
      `"JWK_URL": os.environ.get("JWT_JWKS_URL", ${lit(JWKS_URL)}),`,
      '"SIGNING_KEY": os.environ.get("JWT_PRIVATE_KEY", ""),  # only where tokens are issued',
    ];
  if (keyKind === 'public-pem' || !isHmac(alg))
    return [
      '"VERIFYING_KEY": os.environ["JWT_PUBLIC_KEY"],  # PEM text',
      '"SIGNING_KEY": os.environ.get("JWT_PRIVATE_KEY", ""),  # only where tokens are issued',
    ];
  return ['"SIGNING_KEY": os.environ["JWT_SECRET"],  # never in the repository'];
}

/** Django: settings for simplejwt, and the views that issue, refresh, blacklist and check tokens. */
export const djangoSnippet: SnippetGenerator = (input) => {
  const extra = required(input).filter((c) => !['exp', 'jti', 'token_type', 'user_id'].includes(c));
  const code = `# settings.py (additions) -- pip install django djangorestframework djangorestframework-simplejwt "pyjwt[crypto]"
import os
from datetime import timedelta

INSTALLED_APPS = [
    # ... the project's apps ...
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",  # rotation and logout keep jti rows
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ),
}

SIMPLE_JWT = {
    "ALGORITHM": ${lit(input.alg)},
    ${keySettings(input.keyKind, input.alg).join('\n    ')}
    "ISSUER": ${input.issuer ? lit(input.issuer) : 'None'},
    "AUDIENCE": ${input.audience ? lit(input.audience) : 'None'},
    "LEEWAY": ${leewayOf(input)},
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}
# simplejwt checks "exp" itself and requires "token_type": "access", "jti" and
# "user_id" in every access token; it has no "require" option.${extra.length ? `\n# The claims the page requires besides those (${extra.join(', ')}) are your own check in the view.` : ''}

# urls.py
# from django.urls import path
# from rest_framework.decorators import api_view, permission_classes
# from rest_framework.permissions import IsAuthenticated
# from rest_framework.response import Response
# from rest_framework_simplejwt.views import (
#     TokenBlacklistView, TokenObtainPairView, TokenRefreshView,
# )
#
# @api_view(["GET"])
# @permission_classes([IsAuthenticated])  # 401 without a valid token
# def me(request):
#     return Response({"user_id": request.auth["user_id"]})
#
# urlpatterns = [
#     path("api/token/", TokenObtainPairView.as_view()),            # login: access + refresh
#     path("api/token/refresh/", TokenRefreshView.as_view()),       # rotates the refresh token
#     path("api/token/blacklist/", TokenBlacklistView.as_view()),   # logout: blacklist the refresh
#     path("api/me", me),
# ]
`;
  return {
    code,
    file: 'settings.py',
    run: 'pip install django djangorestframework djangorestframework-simplejwt "pyjwt[crypto]" && python manage.py runserver',
  };
};
