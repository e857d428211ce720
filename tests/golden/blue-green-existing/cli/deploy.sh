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
# Region for the Amazon Q Developer (Chatbot) API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1
CHATBOT_REGION=${CHATBOT_REGION-'us-east-2'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-codedeploy'}
# ARN of the existing channel configuration the buttons are associated with
: "${CHANNEL_CONFIGURATION_ARN:?set CHANNEL_CONFIGURATION_ARN before running (see the comment above)}"
# CodeDeploy deployment group whose deployments the rule matches
CODEDEPLOY_DEPLOYMENT_GROUP=${CODEDEPLOY_DEPLOYMENT_GROUP-'my-service-dg-bluegreen'}
# Notification parameter greenUrl (spliced into the input template)
PARAM_GREEN_URL=${PARAM_GREEN_URL-'https://green.example.com'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches CHATBOT_REGION "$CHATBOT_REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
matches CHANNEL_CONFIGURATION_ARN "$CHANNEL_CONFIGURATION_ARN" '^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$'
matches CODEDEPLOY_DEPLOYMENT_GROUP "$CODEDEPLOY_DEPLOYMENT_GROUP" '^[A-Za-z0-9_.+=,@-]{1,100}$'
template_safe PARAM_GREEN_URL "$PARAM_GREEN_URL"
case $CHATBOT_REGION in
  us-east-2 | us-west-2 | eu-west-1 | ap-southeast-1) ;;
  *) fail "CHATBOT_REGION must be a Region with the Chatbot API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1" ;;
esac

# --- Account
IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
ACCOUNT_ID=${IDENTITY%%[[:space:]]*}
CALLER_ARN=${IDENTITY##*[[:space:]]}
PARTITION=$(cut -d: -f2 <<<"$CALLER_ARN")
echo "Account $ACCOUNT_ID ($PARTITION), Region $REGION"

# --- SNS topic, and a policy that lets EventBridge publish to it
# A customer managed key (found by its alias on re-runs) whose policy lets EventBridge publish.
KEY_POLICY='{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AccountAdministersTheKey",
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:'"$PARTITION"':iam::'"$ACCOUNT_ID"':root"
      },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "EventBridgePublishesToTheTopic",
      "Effect": "Allow",
      "Principal": {
        "Service": "events.amazonaws.com"
      },
      "Action": [
        "kms:Decrypt",
        "kms:GenerateDataKey"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:SourceAccount": "'"$ACCOUNT_ID"'"
        }
      }
    }
  ]
}'
KEY_ALIAS="alias/$SNS_TOPIC_NAME"
KEY_ARN=$(aws kms describe-key --region "$REGION" --key-id "$KEY_ALIAS" --query KeyMetadata.Arn --output text 2>/dev/null || true)
if [[ -z $KEY_ARN || $KEY_ARN == None ]]; then
  KEY_ARN=$(aws kms create-key --region "$REGION" --policy "$KEY_POLICY" \
    --description 'Encrypts the ChatOps SNS topic; EventBridge may use it to publish' \
    --query KeyMetadata.Arn --output text)
  aws kms create-alias --region "$REGION" --alias-name "$KEY_ALIAS" --target-key-id "$KEY_ARN"
else
  aws kms put-key-policy --region "$REGION" --key-id "$KEY_ARN" --policy-name default --policy "$KEY_POLICY"
fi
aws kms enable-key-rotation --region "$REGION" --key-id "$KEY_ARN"
TOPIC_ARN=$(aws sns create-topic --region "$REGION" --name "$SNS_TOPIC_NAME" --query TopicArn --output text)
aws sns set-topic-attributes --region "$REGION" --topic-arn "$TOPIC_ARN" \
  --attribute-name KmsMasterKeyId --attribute-value "$KEY_ARN"
TOPIC_POLICY='{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowEventBridgePublish",
      "Effect": "Allow",
      "Principal": {
        "Service": "events.amazonaws.com"
      },
      "Action": "sns:Publish",
      "Resource": "'"$TOPIC_ARN"'",
      "Condition": {
        "StringEquals": {
          "aws:SourceAccount": "'"$ACCOUNT_ID"'",
          "aws:SourceArn": [
            "arn:'"$PARTITION"':events:'"$REGION"':'"$ACCOUNT_ID"':rule/codedeploy-bluegreen-ready"
          ]
        }
      }
    }
  ]
}'
aws sns set-topic-attributes --region "$REGION" --topic-arn "$TOPIC_ARN" \
  --attribute-name Policy --attribute-value "$TOPIC_POLICY"
echo "SNS topic: $TOPIC_ARN"

# --- EventBridge rule, and the topic as its target with the input transformer
RULE_ARN=$(aws events put-rule --region "$REGION" --query RuleArn --output text --cli-input-json '{
  "Name": "codedeploy-bluegreen-ready",
  "EventPattern": "{\n  \"source\": [\n    \"aws.codedeploy\"\n  ],\n  \"detail-type\": [\n    \"CodeDeploy Deployment State-change Notification\"\n  ],\n  \"detail\": {\n    \"state\": [\n      \"READY\"\n    ],\n    \"deploymentGroup\": [\n      \"'"$CODEDEPLOY_DEPLOYMENT_GROUP"'\"\n    ]\n  }\n}",
  "State": "ENABLED",
  "Description": "A blue/green deployment is ready for validation"
}')
FAILED=$(aws events put-targets --region "$REGION" --query FailedEntryCount --output text --cli-input-json '{
  "Rule": "codedeploy-bluegreen-ready",
  "Targets": [
    {
      "Id": "chatops-sns",
      "Arn": "'"$TOPIC_ARN"'",
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
    }
  ]
}')
[[ $FAILED == 0 ]] || fail "put-targets failed for $FAILED target(s)"
echo "EventBridge rule: $RULE_ARN"

# --- Custom actions (one per button): updated when they exist, else created
ACTION_ARNS=()

# Button 🔁 Switch task sets
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'SwitchTasks'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Switch task sets",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "SwitchTasks",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Switch task sets",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action SwitchTasks: $ARN"

# Button 🔙 Rollback
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'RollbackDeployment'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔙 Rollback",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "RollbackDeployment",
  "Definition": {
    "CommandText": "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔙 Rollback",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action RollbackDeployment: $ARN"

# Button 🧹 Terminate old task set
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'TerminateOldTask'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🧹 Terminate old task set",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "TerminateOldTask",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🧹 Terminate old task set",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action TerminateOldTask: $ARN"
CONFIG_ARN=$CHANNEL_CONFIGURATION_ARN

# --- Buttons: associate each custom action with the channel configuration once
ASSOCIATED=$(aws chatbot list-associations --region "$CHATBOT_REGION" --chat-configuration "$CONFIG_ARN" \
  --query 'Associations[].Resource' --output text)
for ARN in "${ACTION_ARNS[@]}"; do
  if grep -qxF "$ARN" <<<"${ASSOCIATED//$'\t'/$'\n'}"; then
    echo "Already associated: $ARN"
  else
    aws chatbot associate-to-configuration --region "$CHATBOT_REGION" --resource "$ARN" --chat-configuration "$CONFIG_ARN"
    echo "Associated: $ARN"
  fi
done

echo "Done. Send a test notification: TOPIC_ARN=$TOPIC_ARN ./send-test-notification.sh"
