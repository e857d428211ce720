#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/instance-failure-stack";

const app = new cdk.App();
new ChatOpsStack(app, "instance-failure");
app.synth();
