output "event_rule_arn" {
  description = "The EventBridge rule"
  value       = aws_cloudwatch_event_rule.chatops.arn
}
