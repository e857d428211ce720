#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Security Hub: new critical findings, marked notified from chat
# Publishes the notification the input transformer renders from the design's sample event to the
# topic, as EventBridge would. TOPIC_ARN defaults to the design's topic in this account.
set -euo pipefail

fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}
# matches NAME VALUE REGEX: the setting must match the regular expression.
matches() {
  [[ $2 =~ $3 ]] || fail "$1 must match $3 (got '$2')"
}

# --- Settings (defaults from the design)
# AWS Region of the deployments, the rule and the topic
REGION=${REGION-'us-west-2'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-securityhub'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":rotating_light: Security Hub CRITICAL: 199.241.229.197 is performing SSH brute force attacks against i-0c10c2c7863d1a356.",
    "description": "*Account:* 193043430472  *Region:* us-west-2\n*Updated:* 2020-09-30T12:14:00.206Z\n*Finding:* arn:aws:guardduty:us-east-1:193043430472:detector/d4b040365221be2b54a6264dc9a4bc64/finding/46ba0ac2845071e23ccdeb2ae03bfdea",
    "nextSteps": ["Open the finding in Security Hub for its resources and remediation", "Choose *Notified* once the owner knows, *Resolved* once fixed"],
    "keywords": ["SecurityHub", "CRITICAL"]
  },
  "metadata": {
    "additionalContext": {
      "ActionGroup": "securityhub-finding",
      "Id": "arn:aws:guardduty:us-east-1:193043430472:detector/d4b040365221be2b54a6264dc9a4bc64/finding/46ba0ac2845071e23ccdeb2ae03bfdea",
      "Arn": "arn:aws:securityhub:us-east-1::product/aws/guardduty",
      "Rgn": "us-west-2"
    },
    "enableCustomActions": true
  }
}'
if [[ -z ${TOPIC_ARN-} ]]; then
  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
  CALLER_ARN=${IDENTITY##*[[:space:]]}
  TOPIC_ARN="arn:$(cut -d: -f2 <<<"$CALLER_ARN"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME"
fi

aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
