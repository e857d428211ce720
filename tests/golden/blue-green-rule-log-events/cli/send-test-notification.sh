#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Blue/green deployment ready for validation
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
REGION=${REGION-'us-east-1'}
# ARN of the existing SNS topic
: "${SNS_TOPIC_ARN:?set SNS_TOPIC_ARN before running (see the comment above)}"

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_ARN "$SNS_TOPIC_ARN" '^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":large_blue_circle::large_green_circle: Deployment is now ready for validation",
    "description": "*Account:* 123456789012\n*Region:* us-east-1\n*Deployment group:* my-service-dg-bluegreen\n*Deployment ID:* d-7QX2K9LMN\n*Time:* 2025-06-02T10:06:41Z",
    "nextSteps": ["Validate the green environment at https://green.example.com", "When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*", "When it does not, choose *Rollback*"],
    "keywords": ["CodeDeploy", "blue/green"]
  },
  "metadata": {
    "additionalContext": {
      "ActionGroup": "blue-green-deployment",
      "DeploymentId": "d-7QX2K9LMN",
      "Region": "us-east-1"
    },
    "enableCustomActions": true
  }
}'
TOPIC_ARN=${TOPIC_ARN-$SNS_TOPIC_ARN}

aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
