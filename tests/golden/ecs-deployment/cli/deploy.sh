#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: ECS deployment: progress, failure and the service's buttons
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

# --- Settings (defaults from the design)
# AWS Region of the deployments, the rule and the topic
REGION=${REGION-'us-west-2'}
# Region for the Amazon Q Developer (Chatbot) API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1
CHATBOT_REGION=${CHATBOT_REGION-'us-west-2'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-ecs'}
# Slack workspace (team) id, already authorized in the Amazon Q Developer console
SLACK_WORKSPACE_ID=${SLACK_WORKSPACE_ID-'T0123ABCDEF'}
# Slack channel id (the end of the channel's copied link)
SLACK_CHANNEL_ID=${SLACK_CHANNEL_ID-'C0123ABCDEF'}
# Name of the Slack channel configuration
CHANNEL_CONFIGURATION_NAME=${CHANNEL_CONFIGURATION_NAME-'chatops-ecs'}
# ECS cluster whose services' events the rule matches and the buttons act on
ECS_CLUSTER=${ECS_CLUSTER-'default'}
# ECS service whose events the rule matches and the buttons act on
ECS_SERVICE=${ECS_SERVICE-'servicetest'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches CHATBOT_REGION "$CHATBOT_REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
matches SLACK_WORKSPACE_ID "$SLACK_WORKSPACE_ID" '^[0-9A-Z]{1,255}$'
matches SLACK_CHANNEL_ID "$SLACK_CHANNEL_ID" '^[A-Za-z0-9]{1,255}$'
matches CHANNEL_CONFIGURATION_NAME "$CHANNEL_CONFIGURATION_NAME" '^[A-Za-z0-9_-]{1,128}$'
matches ECS_CLUSTER "$ECS_CLUSTER" '^[A-Za-z0-9_-]{1,255}$'
matches ECS_SERVICE "$ECS_SERVICE" '^[A-Za-z0-9_-]{1,255}$'
case $CHATBOT_REGION in
  us-east-2 | us-west-2 | eu-west-1 | ap-southeast-1) ;;
  *) fail "CHATBOT_REGION must be a Region with the Chatbot API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1" ;;
esac
ROLE_NAME=${ROLE_NAME-${CHANNEL_CONFIGURATION_NAME:0:56}-channel}
GUARDRAIL_NAME=${GUARDRAIL_NAME-${CHANNEL_CONFIGURATION_NAME:0:54}-guardrail}

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
            "arn:'"$PARTITION"':events:'"$REGION"':'"$ACCOUNT_ID"':rule/ecs-deployment-state"
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
  "Name": "ecs-deployment-state",
  "EventPattern": "{\n  \"source\": [\n    \"aws.ecs\"\n  ],\n  \"detail-type\": [\n    \"ECS Deployment State Change\"\n  ],\n  \"resources\": [\n    \"arn:aws:ecs:us-west-2:111122223333:service/'"$ECS_CLUSTER"'/'"$ECS_SERVICE"'\"\n  ]\n}",
  "State": "ENABLED",
  "Description": "Deployments of the ECS service"
}')
FAILED=$(aws events put-targets --region "$REGION" --query FailedEntryCount --output text --cli-input-json '{
  "Rule": "ecs-deployment-state",
  "Targets": [
    {
      "Id": "chatops-sns",
      "Arn": "'"$TOPIC_ARN"'",
      "InputTransformer": {
        "InputPathsMap": {
          "account": "$.account",
          "deploymentId": "$.detail.deploymentId",
          "eventName": "$.detail.eventName",
          "eventType": "$.detail.eventType",
          "reason": "$.detail.reason",
          "region": "$.region",
          "time": "$.time"
        },
        "InputTemplate": "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \"ECS deployment of '"$ECS_SERVICE"': <eventName>\",\n    \"description\": \"*Service:* '"$ECS_SERVICE"' (cluster '"$ECS_CLUSTER"')\\n*Deployment:* <deploymentId>\\n*Reason:* <reason>\\n*Severity:* <eventType>\\n*Region:* <region>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Choose *Describe service* for its deployments and recent events\", \"After a failure, fix the cause, then choose *Force new deployment*\"],\n    \"keywords\": [\"ECS\", \"<eventType>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"ecs-<deploymentId>\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"ecs-deployment\",\n      \"Cluster\": \"'"$ECS_CLUSTER"'\",\n      \"Service\": \"'"$ECS_SERVICE"'\",\n      \"State\": \"<eventName>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"
      }
    }
  ]
}')
[[ $FAILED == 0 ]] || fail "put-targets failed for $FAILED target(s)"
echo "EventBridge rule: $RULE_ARN"

# --- Channel role (trusted by chatbot.amazonaws.com) with the buttons' permissions
TRUST_POLICY='{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Service": "chatbot.amazonaws.com"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}'
BUTTON_POLICY='{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ButtonCommandsOnService",
      "Effect": "Allow",
      "Action": [
        "ecs:DescribeServices",
        "ecs:ListServiceDeployments",
        "ecs:UpdateService"
      ],
      "Resource": "arn:'"$PARTITION"':ecs:'"$REGION"':'"$ACCOUNT_ID"':service/'"$ECS_CLUSTER"'/'"$ECS_SERVICE"'"
    }
  ]
}'
if aws iam get-role --role-name "$ROLE_NAME" >/dev/null 2>&1; then
  aws iam update-assume-role-policy --role-name "$ROLE_NAME" --policy-document "$TRUST_POLICY"
else
  aws iam create-role --role-name "$ROLE_NAME" --assume-role-policy-document "$TRUST_POLICY" >/dev/null
fi
ROLE_ARN=$(aws iam get-role --role-name "$ROLE_NAME" --query Role.Arn --output text)
aws iam put-role-policy --role-name "$ROLE_NAME" --policy-name chatops-button-commands \
  --policy-document "$BUTTON_POLICY"
echo "Channel role: $ROLE_ARN"

# --- Guardrail policy: the most any command run from the channel may do
GUARDRAIL_ARN="arn:$PARTITION:iam::$ACCOUNT_ID:policy/$GUARDRAIL_NAME"
if aws iam get-policy --policy-arn "$GUARDRAIL_ARN" >/dev/null 2>&1; then
  # A policy keeps at most five versions: drop the old ones, then make the new one default.
  OLD_VERSIONS=$(aws iam list-policy-versions --policy-arn "$GUARDRAIL_ARN" \
    --query 'Versions[?!IsDefaultVersion].VersionId' --output text)
  for version in $OLD_VERSIONS; do
    aws iam delete-policy-version --policy-arn "$GUARDRAIL_ARN" --version-id "$version"
  done
  aws iam create-policy-version --policy-arn "$GUARDRAIL_ARN" --policy-document "$BUTTON_POLICY" \
    --set-as-default >/dev/null
else
  aws iam create-policy --policy-name "$GUARDRAIL_NAME" --policy-document "$BUTTON_POLICY" >/dev/null
fi
echo "Guardrail policy: $GUARDRAIL_ARN"

# --- Custom actions (one per button): updated when they exist, else created
ACTION_ARNS=()

# Button 🔍 Describe service
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'DescribeService'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "ecs describe-services --cluster $Cluster --services $Service --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔍 Describe service",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "HAS_VALUE",
          "VariableName": "Service"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "DescribeService",
  "Definition": {
    "CommandText": "ecs describe-services --cluster $Cluster --services $Service --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔍 Describe service",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "HAS_VALUE",
          "VariableName": "Service"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action DescribeService: $ARN"

# Button 📋 Deployments
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'ListServiceDeployments'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "ecs list-service-deployments --cluster $Cluster --service $Service --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "📋 Deployments",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "HAS_VALUE",
          "VariableName": "Service"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "ListServiceDeployments",
  "Definition": {
    "CommandText": "ecs list-service-deployments --cluster $Cluster --service $Service --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "📋 Deployments",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "HAS_VALUE",
          "VariableName": "Service"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action ListServiceDeployments: $ARN"

# Button 🔁 Force new deployment
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'ForceNewDeployment'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "ecs update-service --cluster $Cluster --service $Service --force-new-deployment --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Force new deployment",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "EQUALS",
          "VariableName": "State",
          "Value": "SERVICE_DEPLOYMENT_FAILED"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "State": "event.metadata.additionalContext.State",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "ForceNewDeployment",
  "Definition": {
    "CommandText": "ecs update-service --cluster $Cluster --service $Service --force-new-deployment --region $Region"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Force new deployment",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "ecs-deployment"
        },
        {
          "Operator": "EQUALS",
          "VariableName": "State",
          "Value": "SERVICE_DEPLOYMENT_FAILED"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "Cluster": "event.metadata.additionalContext.Cluster",
        "Service": "event.metadata.additionalContext.Service",
        "State": "event.metadata.additionalContext.State",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action ForceNewDeployment: $ARN"

# --- Slack channel configuration: updated when one with this name exists, else created
CONFIG_ARN=$(aws chatbot describe-slack-channel-configurations --region "$CHATBOT_REGION" --output text \
  --query "SlackChannelConfigurations[?ConfigurationName=='$CHANNEL_CONFIGURATION_NAME'].ChatConfigurationArn | [0]")
if [[ -z $CONFIG_ARN || $CONFIG_ARN == None ]]; then
  CONFIG_ARN=$(aws chatbot create-slack-channel-configuration --region "$CHATBOT_REGION" --output text \
    --query ChannelConfiguration.ChatConfigurationArn --cli-input-json '{
  "SlackTeamId": "'"$SLACK_WORKSPACE_ID"'",
  "ConfigurationName": "'"$CHANNEL_CONFIGURATION_NAME"'",
  "SlackChannelId": "'"$SLACK_CHANNEL_ID"'",
  "IamRoleArn": "'"$ROLE_ARN"'",
  "SnsTopicArns": [
    "'"$TOPIC_ARN"'"
  ],
  "LoggingLevel": "ERROR",
  "GuardrailPolicyArns": [
    "'"$GUARDRAIL_ARN"'"
  ]
}')
else
  aws chatbot update-slack-channel-configuration --region "$CHATBOT_REGION" --cli-input-json '{
  "ChatConfigurationArn": "'"$CONFIG_ARN"'",
  "SlackChannelId": "'"$SLACK_CHANNEL_ID"'",
  "IamRoleArn": "'"$ROLE_ARN"'",
  "SnsTopicArns": [
    "'"$TOPIC_ARN"'"
  ],
  "LoggingLevel": "ERROR",
  "GuardrailPolicyArns": [
    "'"$GUARDRAIL_ARN"'"
  ]
}' >/dev/null
fi
echo "Slack channel configuration: $CONFIG_ARN"

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
