output "sns_topic_arn" {
  description = "The topic the rule publishes to"
  value       = aws_sns_topic.chatops.arn
}

output "rule_pipeline_execution_arn" {
  description = "The EventBridge rule pipeline-execution"
  value       = aws_cloudwatch_event_rule.rule_pipeline_execution.arn
}

output "rule_pipeline_stage_failed_arn" {
  description = "The EventBridge rule pipeline-stage-failed"
  value       = aws_cloudwatch_event_rule.rule_pipeline_stage_failed.arn
}

output "channel_role_arn" {
  description = "The role channel members' commands run with"
  value       = aws_iam_role.channel.arn
}

output "channel_configuration_arn" {
  description = "The Slack channel configuration"
  value       = awscc_chatbot_slack_channel_configuration.channel.arn
}

output "custom_action_arns" {
  description = "Custom action ARNs by action name"
  value = {
    RetryStage    = awscc_chatbot_custom_action.retry_stage.custom_action_arn
    GetExecution  = awscc_chatbot_custom_action.get_execution.custom_action_arn
    StopExecution = awscc_chatbot_custom_action.stop_execution.custom_action_arn
  }
}
