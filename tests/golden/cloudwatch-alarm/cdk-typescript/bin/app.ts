#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/cloud-watch-alarm-alarm-and-ok-stack";

const app = new cdk.App();
new ChatOpsStack(app, "cloud-watch-alarm-alarm-and-ok");
app.synth();
