"""The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs."""

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_logs as logs
from constructs import Construct


class ChatOpsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        kwargs.setdefault("description", "ChatOps Designer: Blue/green deployment ready for validation")
        super().__init__(scope, construct_id, **kwargs)
        self.template_options.template_format_version = "2010-09-09"

        # Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
        sns_topic_arn = cdk.CfnParameter(
            self,
            "SnsTopicArn",
            type="String",
            description="ARN of the existing SNS topic",
            allowed_pattern="^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
            constraint_description="must match ^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
        )
        codedeploy_deployment_group = cdk.CfnParameter(
            self,
            "CodedeployDeploymentGroup",
            type="String",
            description="CodeDeploy deployment group whose deployments the rule matches",
            default="my-service-dg-bluegreen",
            allowed_pattern="^[A-Za-z0-9_.+=,@-]{1,100}$",
            constraint_description="must match ^[A-Za-z0-9_.+=,@-]{1,100}$",
        )
        param_green_url = cdk.CfnParameter(
            self,
            "ParamGreenUrl",
            type="String",
            description="Notification parameter greenUrl (spliced into the input template)",
            default="https://green.example.com",
            allowed_pattern="^[^\"\\\\<>\\x00-\\x1f\\x7f]*$",
            constraint_description="must not contain quotes, backslashes, angle brackets or control characters",
        )

        # L1: logs.LogGroup adds a Retain deletion policy.
        events_log_group = logs.CfnLogGroup(
            self,
            "EventsLogGroup",
            log_group_name="/aws/events/codedeploy-bluegreen-ready",
            retention_in_days=365,
        )
        events_log_group.cfn_options.metadata = {
            "checkov": {
                "skip": [
                    {
                        "id": "CKV_AWS_158",
                        "comment": "CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well",
                    },
                ],
            },
        }

        # L1: the policy document is one text naming the log group, as in the CloudFormation export.
        logs.CfnResourcePolicy(
            self,
            "EventsLogPolicy",
            policy_name="codedeploy-bluegreen-ready-events",
            policy_document=cdk.Fn.sub("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EventBridgeWritesMatchedEvents\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"delivery.logs.amazonaws.com\"]},\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventsLogGroup}:*\"}]}"),
        )

        # L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
        deployment_rule = events.CfnRule(
            self,
            "DeploymentRule",
            name="codedeploy-bluegreen-ready",
            description="A blue/green deployment is ready for validation",
            state="ENABLED",
            event_pattern={
                "source": [
                    "aws.codedeploy",
                ],
                "detail-type": [
                    "CodeDeploy Deployment State-change Notification",
                ],
                "detail": {
                    "state": [
                        "READY",
                    ],
                    "deploymentGroup": [
                        codedeploy_deployment_group.value_as_string,
                    ],
                },
            },
            targets=[
                events.CfnRule.TargetProperty(
                    id="chatops-sns",
                    arn=sns_topic_arn.value_as_string,
                    input_transformer=events.CfnRule.InputTransformerProperty(
                        input_paths_map={
                            "account": "$.account",
                            "deploymentGroup": "$.detail.deploymentGroup",
                            "deploymentId": "$.detail.deploymentId",
                            "region": "$.region",
                            "time": "$.time",
                        },
                        input_template=cdk.Fn.sub("{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":large_blue_circle::large_green_circle: Deployment is now ready for validation\",\n    \"description\": \"*Account:* <account>\\n*Region:* <region>\\n*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Validate the green environment at ${ParamGreenUrl}\", \"When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*\", \"When it does not, choose *Rollback*\"],\n    \"keywords\": [\"CodeDeploy\", \"blue/green\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"blue-green-deployment\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"),
                    ),
                ),
                events.CfnRule.TargetProperty(
                    id="chatops-log",
                    arn=cdk.Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventsLogGroup}"),
                ),
            ],
        )

        cdk.CfnOutput(
            self,
            "EventsLogGroupName",
            description="The log group of matched events (replay them with chatops replay)",
            value=events_log_group.ref,
        )
        cdk.CfnOutput(
            self,
            "EventRuleArn",
            description="The EventBridge rule",
            value=deployment_rule.attr_arn,
        )
