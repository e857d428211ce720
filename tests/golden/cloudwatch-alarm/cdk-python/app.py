#!/usr/bin/env python3
import aws_cdk as cdk

from cloud_watch_alarm_alarm_and_ok_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "cloud-watch-alarm-alarm-and-ok")
app.synth()
