#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Blue/green deployment ready for validation
# Creates or updates, in order: the SNS topic and its policy, the EventBridge rule and its input
# transformer, the channel role and guardrail, the custom actions, the Slack channel configuration,
# and the associations of the actions with it (only the parts this export contains).
# Safe to re-run: what exists is found and updated. Every setting can be overridden from the
# environment, e.g. REGION=eu-west-1 ./deploy.sh
set -euo pipefail

fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}
# matches NAME VALUE REGEX: the setting must match the regular expression.
matches() {
  [[ $2 =~ $3 ]] || fail "$1 must match $3 (got '$2')"
}
# template_safe NAME VALUE: the setting is spliced into JSON, so no quote, backslash, angle bracket
# or control character.
template_safe() {
  case $2 in
    *[\"\\\<\>[:cntrl:]]*) fail "$1 must not contain quotes, backslashes, angle brackets or control characters" ;;
  esac
}

# --- Settings (defaults from the design)
# AWS Region of the deployments, the rule and the topic
REGION=${REGION-'us-east-1'}
# ARN of the existing SNS topic
: "${SNS_TOPIC_ARN:?set SNS_TOPIC_ARN before running (see the comment above)}"
# CodeDeploy deployment group whose deployments the rule matches
CODEDEPLOY_DEPLOYMENT_GROUP=${CODEDEPLOY_DEPLOYMENT_GROUP-'my-service-dg-bluegreen'}
# Notification parameter greenUrl (spliced into the input template)
PARAM_GREEN_URL=${PARAM_GREEN_URL-'https://green.example.com'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_ARN "$SNS_TOPIC_ARN" '^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$'
matches CODEDEPLOY_DEPLOYMENT_GROUP "$CODEDEPLOY_DEPLOYMENT_GROUP" '^[A-Za-z0-9_.+=,@-]{1,100}$'
template_safe PARAM_GREEN_URL "$PARAM_GREEN_URL"

# --- Account
IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
ACCOUNT_ID=${IDENTITY%%[[:space:]]*}
CALLER_ARN=${IDENTITY##*[[:space:]]}
PARTITION=$(cut -d: -f2 <<<"$CALLER_ARN")
echo "Account $ACCOUNT_ID ($PARTITION), Region $REGION"

# --- EventBridge rule, and the topic as its target with the input transformer
RULE_ARN=$(aws events put-rule --region "$REGION" --query RuleArn --output text --cli-input-json '{
  "Name": "codedeploy-bluegreen-ready",
  "EventPattern": "{\n  \"source\": [\n    \"aws.codedeploy\"\n  ],\n  \"detail-type\": [\n    \"CodeDeploy Deployment State-change Notification\"\n  ],\n  \"detail\": {\n    \"state\": [\n      \"READY\"\n    ],\n    \"deploymentGroup\": [\n      \"'"$CODEDEPLOY_DEPLOYMENT_GROUP"'\"\n    ]\n  }\n}",
  "State": "ENABLED",
  "Description": "A blue/green deployment is ready for validation"
}')
LOG_GROUP='/aws/events/codedeploy-bluegreen-ready'
if ! grep -qxF -- "$LOG_GROUP" <<<"$(aws logs describe-log-groups --region "$REGION" --log-group-name-prefix "$LOG_GROUP" --query 'logGroups[].logGroupName' --output text | tr '\t' '\n')"; then
  aws logs create-log-group --region "$REGION" --log-group-name "$LOG_GROUP"
fi
aws logs put-retention-policy --region "$REGION" --log-group-name "$LOG_GROUP" --retention-in-days 365
LOG_GROUP_ARN="arn:$PARTITION:logs:$REGION:$ACCOUNT_ID:log-group:$LOG_GROUP"
LOG_POLICY='{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EventBridgeWritesMatchedEvents",
      "Effect": "Allow",
      "Principal": {
        "Service": [
          "events.amazonaws.com",
          "delivery.logs.amazonaws.com"
        ]
      },
      "Action": [
        "logs:CreateLogStream",
        "logs:PutLogEvents"
      ],
      "Resource": "'"$LOG_GROUP_ARN"':*"
    }
  ]
}'
aws logs put-resource-policy --region "$REGION" --policy-name 'codedeploy-bluegreen-ready-events' --policy-document "$LOG_POLICY" >/dev/null
echo "Log group of matched events: $LOG_GROUP"
FAILED=$(aws events put-targets --region "$REGION" --query FailedEntryCount --output text --cli-input-json '{
  "Rule": "codedeploy-bluegreen-ready",
  "Targets": [
    {
      "Id": "chatops-sns",
      "Arn": "'"$SNS_TOPIC_ARN"'",
      "InputTransformer": {
        "InputPathsMap": {
          "account": "$.account",
          "deploymentGroup": "$.detail.deploymentGroup",
          "deploymentId": "$.detail.deploymentId",
          "region": "$.region",
          "time": "$.time"
        },
        "InputTemplate": "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":large_blue_circle::large_green_circle: Deployment is now ready for validation\",\n    \"description\": \"*Account:* <account>\\n*Region:* <region>\\n*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Validate the green environment at '"$PARAM_GREEN_URL"'\", \"When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*\", \"When it does not, choose *Rollback*\"],\n    \"keywords\": [\"CodeDeploy\", \"blue/green\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"blue-green-deployment\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"
      }
    },
    {
      "Id": "chatops-log",
      "Arn": "'"$LOG_GROUP_ARN"'"
    }
  ]
}')
[[ $FAILED == 0 ]] || fail "put-targets failed for $FAILED target(s)"
echo "EventBridge rule: $RULE_ARN"

echo "Done."
